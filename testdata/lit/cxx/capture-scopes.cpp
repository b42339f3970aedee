// TL102 for block-scope locals captured by reference (issue 15 item 5): the
// local's scope (a block, a loop body, a for statement) ends while the
// thread that captured it may still run.  The analyzer's paths do not see
// block scopes end, so this is judged from the statements.
// RUN: %clang_analyze_cxx_cc1 -analyzer-checker=core,taskleak.lifetime.DanglingTaskArg -analyzer-output=text -verify %s

#include <thread>
#include <vector>

struct Job {
  int id;
};
void run(const Job &);
void work(int);

//===--- loop-body locals, joined after the loop ---===//

void checkLoopBody(int n) {
  std::vector<std::thread> ts;
  for (int i = 0; i < n; ++i) {
    Job job{i};
    ts.emplace_back([&] { run(job); }); // expected-note{{A thread capturing 'job' by reference is put into 'ts' here}}
  } // expected-warning{{The thread held in 'ts' may use 'job' (captured by reference) after its scope ends here}} expected-note{{The thread held in 'ts' may use 'job' (captured by reference) after its scope ends here}}
  for (auto &t : ts)
    t.join();
}

void checkLoopCounter(int n) {
  std::vector<std::thread> ts;
  for (int i = 0; i < n; ++i)
    ts.emplace_back([&i] { work(i); }); // expected-note{{A thread capturing 'i' by reference is put into 'ts' here}}
  // expected-warning@-1{{The thread held in 'ts' may use 'i' (captured by reference) after its scope ends here}} expected-note@-1{{The thread held in 'ts' may use 'i' (captured by reference) after its scope ends here}}
  for (auto &t : ts)
    t.join();
}

//===--- a block inside the function ---===//

void checkBlock() {
  std::thread t;
  {
    Job job{1};
    t = std::thread([&] { run(job); }); // expected-note{{A thread capturing 'job' by reference is put into 't' here}}
  } // expected-warning{{The thread held in 't' may use 'job' (captured by reference) after its scope ends here}} expected-note{{The thread held in 't' may use 'job' (captured by reference) after its scope ends here}}
  t.join();
}

//===--- fixed variants: silent ---===//

void checkByValue(int n) {
  std::vector<std::thread> ts;
  for (int i = 0; i < n; ++i) {
    Job job{i};
    ts.emplace_back([job] { run(job); });
  }
  for (auto &t : ts)
    t.join();
}

void checkJoinedInScope() {
  std::thread t;
  {
    Job job{1};
    t = std::thread([&] { run(job); });
    t.join();
  }
}

void checkOuterLocal(int n) {
  Job shared{n}; // lives until the joins below
  std::vector<std::thread> ts;
  for (int i = 0; i < n; ++i)
    ts.emplace_back([&shared] { run(shared); });
  for (auto &t : ts)
    t.join();
}

void checkSameScope() {
  Job job{3};
  std::thread t([&] { run(job); });
  t.join();
}
