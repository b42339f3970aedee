/* call_dies.c - a call on a branch that ends the process (see call_dies.h). */
#include "call_dies.h"

bool tl_call_dies(const struct tl_call_fact *c, const tl_model_set *models)
{
	if (c->dies)
		return true;
	for (size_t i = 0; i < c->nenders; i++) {
		const tl_fn_model *m = tl_models_lookup(models, c->enders[i]);
		if (m && m->role == TL_ROLE_PROCESS_EXIT)
			return true;
	}
	return false;
}
