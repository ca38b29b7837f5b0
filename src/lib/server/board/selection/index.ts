// Fair selection for the sounding board: feasibility of quotas, the maximin lottery over
// quota-meeting panels, a seeded draw, and alternates. Pure functions over plain data (no
// database, no strings to show); the board domain stores inputs and results and the pages word them.
export { checkFeasibility } from './feasibility';
export { maximinLottery, LOTTERY_WEIGHT_TOTAL, type LotteryOptions } from './maximin';
export { draw } from './draw';
export { alternates, replacementFor, swapKeepsQuotas, meetsQuotas, type AlternatesOptions } from './alternates';
export type * from './types';
