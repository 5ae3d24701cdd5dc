/** MVEL: compiling conditions and actions, the compile-time sandbox, and how names resolve at run time. Not API. */
package io.rulegrid.rules.internal.mvel;
