/** The compiled ruleset, the rule index and the agenda; knows expressions only through {@link io.rulegrid.rules.internal.engine.Expression}. Not API. */
package io.rulegrid.rules.internal.engine;
