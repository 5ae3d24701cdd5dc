/**
 * Windowed aggregates over a pipeline's events, read by its rules as {@code agg.NAME}: the per-group window state
 * ({@link io.rulegrid.node.pipeline.aggregate.WindowState}) and the Jet stages that keep it
 * ({@link io.rulegrid.node.pipeline.aggregate.WindowedAggregates}). Semantics in {@code docs/pipelines.md},
 * "Windowed aggregates".
 */
package io.rulegrid.node.pipeline.aggregate;
