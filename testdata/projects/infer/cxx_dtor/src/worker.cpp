#include "worker.h"

namespace app {
void *Worker::run(void *self)
{
	Worker *w = static_cast<Worker *>(self);
	while (!w->stop_)
		;
	return nullptr;
}

int Worker::start()
{
	return pthread_create(&tid_, nullptr, run, this);
}
} // namespace app
