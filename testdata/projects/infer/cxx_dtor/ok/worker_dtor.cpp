#include "worker.h"

app::Worker::~Worker()
{
	stop_ = 1;
	pthread_join(tid_, nullptr);
}
