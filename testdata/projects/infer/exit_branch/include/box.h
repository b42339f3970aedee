#ifndef BOX_H
#define BOX_H
typedef struct { int v; } box;
void check(int ok, box *b);
int run(void);
#endif
