#ifndef BOX_H
#define BOX_H
typedef struct { int v; } box;
void check(int ok, box *b);
/* die_ok, die_bug: ends the process, though nothing here says so (no
 * noreturn): the project's model file does (die.json, process_exit) */
void die(const char *why);
int run(void);
#endif
