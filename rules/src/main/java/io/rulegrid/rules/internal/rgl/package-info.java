/** The recursive-descent parser of RGL files. Not API. */
package io.rulegrid.rules.internal.rgl;
