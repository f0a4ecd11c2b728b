/** Right-hand side of y' = f(t, y): writes f(t, y) into `dydt` in place, allocating nothing. */
export type OdeRhs = (t: number, y: Float64Array, dydt: Float64Array) => void;
