/** The tagpoint-extras.js entry: puts the extras on `window.TagpointExtras` (extras.ts). */
import { patternOfRule } from '../core/page-rules';
import { readOther } from '../core/properties';
import { relocateRanked } from '../core/relocate';
import { selectorOracle } from '../core/selector-policy';
import { fieldMark, sensitiveWord } from '../core/sensitive-words';
import type { Extras } from './extras';
import { createVisibleWatcher } from './visible';

const extras: Extras = { patternOfRule, readOther, selectorOracle, fieldMark, sensitiveWord, createVisibleWatcher, relocateRanked };
(window as { TagpointExtras?: Extras }).TagpointExtras = extras;
