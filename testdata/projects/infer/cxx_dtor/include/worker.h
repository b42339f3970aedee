#include <pthread.h>
namespace app {
class Worker {
public:
	int start();
	~Worker();

private:
	static void *run(void *self);
	pthread_t tid_;
	int stop_ = 0;
};
} // namespace app
