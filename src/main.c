#include "config.h"

#include <locale.h>

#include "i18n.h"

int main(int argc, char **argv)
{
	(void)argc; (void)argv;
	setlocale(LC_ALL, "");
	return 0;
}
