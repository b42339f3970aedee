#include "worker.h"

app::Worker::~Worker()
{
	stop_ = 1; /* TL101: the thread started in worker.cpp is never joined */
}
