/**
 * The expression language of conditions and actions, RuleGrid's own: a parser to a syntax tree, checks of
 * what the tree may do, and closures that evaluate it over JSON values with a metered budget. Not API.
 */
package io.rulegrid.rules.internal.lang;
