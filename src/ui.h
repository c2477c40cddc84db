#ifndef SMREADY_UI_H
#define SMREADY_UI_H
#endif
