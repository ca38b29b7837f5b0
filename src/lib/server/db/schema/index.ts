export * from './accounts';
export * from './membership';
export * from './discussion';
export * from './moderation';
export * from './jobs';
export * from './board';
export * from './meetings';
export * from './surveys';
