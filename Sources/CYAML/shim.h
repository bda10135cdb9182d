#ifndef CFNKIT_CYAML_SHIM_H
#define CFNKIT_CYAML_SHIM_H
#include <yaml.h>
#endif
