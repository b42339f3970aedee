// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak -verify %s
//
// Real-world reduction (TL103 JoinableDestroyed, std::thread member of a
// class whose user-written destructor does not join it).
// Source: rdkcentral/rdkservices pull request #2806, "RDKTV-17105:
//   WPEFramework Crash in std::terminate",
//   https://github.com/rdkcentral/rdkservices/pull/2806
//   (see also issue #6443, "SIGABRT on destroy of active std::thread in
//   MaintenanceManager", and the review of pull request #1162).
// The maintenance plugin starts its task-execution thread into a member
// (`m_thread = std::thread(...)`) and its teardown did not join it on
// every path, so destroying the plugin with the thread still joinable
// crashed the framework in std::terminate.  The fix joins the thread in
// the destructor.
// Reduction written for taskleak; no project code is copied.
#include <thread>

class MaintenanceManager {
public:
  ~MaintenanceManager() {
    unsubscribe();
  } // expected-warning{{std::thread 'mgr.m_thread' is destroyed while joinable (std::terminate)}} expected-warning{{The destructor of 'MaintenanceManager' destroys std::thread 'm_thread' while it may be joinable (std::terminate)}}
  void startMaintenance() {
    m_thread = std::thread(&MaintenanceManager::taskExecution, this); // expected-note{{'m_thread' is started here, in 'MaintenanceManager::startMaintenance'}}
  }

private:
  void taskExecution();
  void unsubscribe() { m_subscribed = false; }
  bool m_subscribed = true;
  std::thread m_thread;
};

void checkDestroyedPluginDeactivated() {
  MaintenanceManager mgr;
  mgr.startMaintenance();
}

class FixedMaintenanceManager {
public:
  ~FixedMaintenanceManager() {
    unsubscribe();
    if (m_thread.joinable())
      m_thread.join();
  }
  void startMaintenance() {
    m_thread = std::thread(&FixedMaintenanceManager::taskExecution, this);
  }

private:
  void taskExecution();
  void unsubscribe() { m_subscribed = false; }
  bool m_subscribed = true;
  std::thread m_thread;
};

void checkNotDestroyedPluginDeactivated() {
  FixedMaintenanceManager mgr;
  mgr.startMaintenance();
} // no warning
