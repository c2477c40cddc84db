#ifndef SMREADY_CLI_H
#define SMREADY_CLI_H
#endif
