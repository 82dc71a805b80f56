// The project's own semantic rules. Rules that need another area's knowledge live with their owner
// (compile/rules, report/rules) and are added by the caller through loadProject's `rules` option;
// report/rules/index.ts composes the full set. Each rule lives in its own file with a stable id
// documented in docs/spec.md; diagnostics are sorted by position, so list order only breaks ties.

import { adsParam } from "./ads-param.js";
import { audienceDefinition } from "./audience-definition.js";
import { consentRequired } from "./consent-required.js";
import { constantTooLong } from "./constant-too-long.js";
import { customDimensionLimit } from "./custom-dimension-limit.js";
import { cycle } from "./cycle.js";
import { defaultTarget } from "./default-target.js";
import { duplicateEventName } from "./duplicate-event-name.js";
import { duplicateFunnelId } from "./duplicate-funnel-id.js";
import { duplicateGoalId } from "./duplicate-goal-id.js";
import { eventNameFormat } from "./event-name-format.js";
import { eventNameLength } from "./event-name-length.js";
import { formFieldTrigger } from "./form-field-trigger.js";
import { funnelRepeatedStep } from "./funnel-repeated-step.js";
import { invalidCssSelector } from "./invalid-css-selector.js";
import { invalidRegex } from "./invalid-regex.js";
import { invalidSchedule } from "./invalid-schedule.js";
import { keyEventLimit } from "./key-event-limit.js";
import { leadsToNonMacro } from "./leads-to-non-macro.js";
import { macroLeadsTo } from "./macro-leads-to.js";
import { macroRole } from "./macro-role.js";
import { microLeadsNowhere } from "./micro-leads-nowhere.js";
import { paramNameFormat } from "./param-name-format.js";
import { paramNameLength } from "./param-name-length.js";
import { piiFormField } from "./pii-form-field.js";
import { piiParam } from "./pii-param.js";
import { reservedEventName } from "./reserved-event-name.js";
import { reservedPrefix } from "./reserved-prefix.js";
import type { Rule } from "./rule.js";
import { singleStepFunnel } from "./single-step-funnel.js";
import { textTooLong } from "./text-too-long.js";
import { tooManyParams } from "./too-many-params.js";
import { unknownGoal } from "./unknown-goal.js";
import { unreachedMacro } from "./unreached-macro.js";

export type { Finding, Rule, RuleContext } from "./rule.js";

export const rules: Rule[] = [
  defaultTarget,
  invalidSchedule,
  duplicateGoalId,
  duplicateFunnelId,
  textTooLong,
  eventNameFormat,
  eventNameLength,
  reservedPrefix,
  reservedEventName,
  duplicateEventName,
  paramNameFormat,
  paramNameLength,
  tooManyParams,
  constantTooLong,
  unknownGoal,
  macroLeadsTo,
  macroRole,
  leadsToNonMacro,
  cycle,
  funnelRepeatedStep,
  invalidRegex,
  invalidCssSelector,
  formFieldTrigger,
  keyEventLimit,
  customDimensionLimit,
  piiParam,
  piiFormField,
  consentRequired,
  adsParam,
  audienceDefinition,
  unreachedMacro,
  microLeadsNowhere,
  singleStepFunnel,
];
