//===- Checkers.h - the checkers this plugin registers ----------*- C++ -*-===//
//
// One registration function per checker; Plugin.cpp lists them with their
// names, descriptions and options.  Names and rule ids: rules/catalog.json.
//
//===----------------------------------------------------------------------===//

#ifndef TASKLEAK_ENGINE_CHECKERS_H
#define TASKLEAK_ENGINE_CHECKERS_H

namespace clang {
namespace ento {
class CheckerManager;
} // namespace ento
} // namespace clang

namespace taskleak {

constexpr const char *LifetimeModelingName = "taskleak.lifetime.TaskLifetimeModeling";
constexpr const char *UnjoinedTaskName = "taskleak.lifetime.UnjoinedTask";
constexpr const char *DanglingTaskArgName = "taskleak.lifetime.DanglingTaskArg";
constexpr const char *DoubleJoinName = "taskleak.lifetime.DoubleJoin";
constexpr const char *StdThreadModelingName = "taskleak.lifetime.StdThreadModeling";
constexpr const char *JoinableDestroyedName = "taskleak.lifetime.JoinableDestroyed";

void registerTaskLifetimeModeling(clang::ento::CheckerManager &Mgr);
void registerUnjoinedTask(clang::ento::CheckerManager &Mgr);   // TL101
void registerDanglingTaskArg(clang::ento::CheckerManager &Mgr); // TL102
void registerDoubleJoin(clang::ento::CheckerManager &Mgr);     // TL104

// StdThreadChecker.cpp: std::thread and std::jthread as values.  TL102 and
// TL104 also speak for them, registered under those rules' names.
void registerStdThreadModeling(clang::ento::CheckerManager &Mgr);
void registerJoinableDestroyed(clang::ento::CheckerManager &Mgr);        // TL103
void registerStdThreadDanglingTaskArg(clang::ento::CheckerManager &Mgr); // TL102
void registerStdThreadDoubleJoin(clang::ento::CheckerManager &Mgr);      // TL104

// FailedSpawn.cpp: join or detach of a handle whose spawn failed (TL104).
void registerFailedSpawnJoin(clang::ento::CheckerManager &Mgr);
// Respawn.cpp: a spawn into an owner field whose task may still run (TL101).
void registerRespawnUnjoined(clang::ento::CheckerManager &Mgr);

} // namespace taskleak

#endif
