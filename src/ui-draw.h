#ifndef SMREADY_UI_DRAW_H
#define SMREADY_UI_DRAW_H
#endif
