/** The tokenizer for RGL and MVEL text, and offset-to-line mapping. Not API. */
package io.rulegrid.rules.internal.text;
