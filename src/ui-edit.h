#ifndef SMREADY_UI_EDIT_H
#define SMREADY_UI_EDIT_H
#endif
