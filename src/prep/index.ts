// Barrel of the prep layer: re-export its public functions here.
export { type DedupeOptions, type DedupeResult, dedupe } from './dedupe';
export {
  type DropMissingOptions,
  type DropMissingResult,
  dropMissing,
  isMissing,
} from './missing';
export { type OneHotOptions, type OneHotResult, oneHot } from './oneHot';
export { type MinMaxScaleOptions, minMaxScale, type ZScoreOptions, zScore } from './scale';
