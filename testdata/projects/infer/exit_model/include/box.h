#ifndef BOX_H
#define BOX_H
typedef struct { int v; } box;
void check(int ok, box *b);
/* ends the process, though nothing here says so (no noreturn): the
 * project's model file does (die.json, role process_exit) */
void die(const char *why);
int run(void);
#endif
