export const claims = [] as const;
