// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL103 JoinableDestroyed, heap std::thread).
// Source: modelica/DCPLib issue #77, "DcpManagerSlave: destructor deletes
//   threads without joining, causing hang on exit",
//   https://github.com/modelica/DCPLib/issues/77, fixed by pull request #78
//   ("join threads before delete in destructor").
// The slave manager starts one std::thread per state transition with
// `new std::thread(...)` and keeps the pointers in members; its destructor
// deleted every pointer without joining, so deleting a thread that was
// still joinable called std::terminate at exit.  The fix joins each
// joinable thread before its delete.
// Reduction written for taskleak; no project code is copied.  Two of the
// project's seven thread members are kept.
#include <thread>

class SlaveManager {
public:
  ~SlaveManager() {
    delete configuring_;
    delete stopping_; // expected-warning{{std::thread '*stopping_' is destroyed while joinable (std::terminate)}}
  }
  void configure() { configuring_ = new std::thread(&SlaveManager::doConfigure, this); }
  void stop() { stopping_ = new std::thread(&SlaveManager::doStop, this); }

private:
  void doConfigure();
  void doStop();
  std::thread *configuring_ = nullptr;
  std::thread *stopping_ = nullptr;
};

// The manager is destroyed once it reached the stopped state.
// (The thread handed `this` may rewrite the object, so the analyzer no
// longer knows which thread configuring_ points to after stop(): the
// report is about stopping_.)
void checkDestroyedSlaveStops() {
  SlaveManager m;
  m.configure();
  m.stop();
}

// The fix: join what is still joinable before each delete.
class FixedSlaveManager {
public:
  ~FixedSlaveManager() {
    if (configuring_ && configuring_->joinable())
      configuring_->join();
    delete configuring_;
    if (stopping_ && stopping_->joinable())
      stopping_->join();
    delete stopping_;
  }
  void configure() { configuring_ = new std::thread(&FixedSlaveManager::doConfigure, this); }
  void stop() { stopping_ = new std::thread(&FixedSlaveManager::doStop, this); }

private:
  void doConfigure();
  void doStop();
  std::thread *configuring_ = nullptr;
  std::thread *stopping_ = nullptr;
};

void checkNotDestroyedSlaveStops() {
  FixedSlaveManager m;
  m.configure();
  m.stop();
} // no warning
