/**
 * Implementation of the rule engine; not API. {@code text}: the tokenizer shared by the RGL parser and
 * the expression parser; {@code rgl}: the RGL parser; {@code easyrules}: the Easy Rules file reader;
 * {@code lang}: the expression language of conditions and actions (parser, checks, evaluator);
 * {@code engine}: the compiled ruleset, the rule index, the budget and the agenda.
 */
package io.rulegrid.rules.internal;
