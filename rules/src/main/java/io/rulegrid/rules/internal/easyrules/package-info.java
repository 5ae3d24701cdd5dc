/** The reader of Easy Rules YAML and JSON rule files. Not API. */
package io.rulegrid.rules.internal.easyrules;
