#ifndef CFNKIT_CZLIB_SHIM_H
#define CFNKIT_CZLIB_SHIM_H
#include <zlib.h>
#endif
