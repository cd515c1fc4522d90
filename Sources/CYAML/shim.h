#ifndef RECLAIM_CYAML_SHIM_H
#define RECLAIM_CYAML_SHIM_H
#include <yaml.h>
#endif
