/** Replica aggregation (mean and 10-90% quantile band) lives in numerics; kept here as an entry point. */
export { BAND_QUANTILES, type ReplicaAggregate, aggregateReplicas } from '../../numerics/replica-aggregate.js';
