#ifndef CSPREPORT_CQPDF_H
#define CSPREPORT_CQPDF_H
// qpdf's C API, loaded only when it is used (see CQPDF.c).
#include <qpdf/qpdf-c.h>

/// Loads libqpdf the first time it is called; 1 when every function below is ready to call,
/// 0 when the library or one of its functions cannot be found. Call it before any of them.
int csp_qpdf_load(void);
#endif
