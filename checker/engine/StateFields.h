//===- StateFields.h - a state value's == and Profile from its fields -*- C++ -*-===//
//
// A value kept in the program state (a REGISTER_MAP's or REGISTER_SET's
// element) must compare and profile itself, and both must name the same
// fields.  Every family wrote the two by hand, field by field.  Here a
// value lists its fields once, in `fields()` (a std::make_tuple, so bit
// fields are welcome), and derives from FieldwiseValue<ItsType>:
//
//   struct Home : FieldwiseValue<Home> {
//     const MemRegion *R; SymbolRef Sym;
//     auto fields() const { return std::make_tuple(R, Sym); }
//   };
//
// A TrackedHandle state gets the same from TrackedHandle.h, after the
// handle's own facts.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_STATEFIELDS_H
#define TASKLEAK_ENGINE_STATEFIELDS_H

#include "llvm/ADT/FoldingSet.h"

#include <cstdint>
#include <tuple>
#include <type_traits>

namespace taskleak {

inline void profileField(llvm::FoldingSetNodeID &ID, bool B) { ID.AddBoolean(B); }

template <typename T>
inline std::enable_if_t<std::is_integral<T>::value || std::is_enum<T>::value>
profileField(llvm::FoldingSetNodeID &ID, T V) {
  ID.AddInteger(static_cast<uint64_t>(V));
}

template <typename T>
inline void profileField(llvm::FoldingSetNodeID &ID, const T *P) {
  ID.AddPointer(P);
}

/// Profiles every element of \p Fields, in order.
template <typename Tuple>
void profileFields(llvm::FoldingSetNodeID &ID, const Tuple &Fields) {
  std::apply([&ID](const auto &...F) { (profileField(ID, F), ...); }, Fields);
}

/// operator== and Profile of \p Self from its `fields()`.
template <typename Self> class FieldwiseValue {
public:
  bool operator==(const Self &O) const { return self().fields() == O.fields(); }
  void Profile(llvm::FoldingSetNodeID &ID) const { profileFields(ID, self().fields()); }

private:
  const Self &self() const { return static_cast<const Self &>(*this); }
};

} // namespace taskleak

#endif
