#ifndef SMREADY_REPORT_H
#define SMREADY_REPORT_H
#endif
