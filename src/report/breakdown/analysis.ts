// The breakdown part of an Analysis with the report's own pair and rate types (shapes in shape.ts).
import type { PairAnalysis, Rate } from "../analysis.js";
import type { BreakdownShape, SegmentShape } from "./shape.js";

export type { SegmentKind } from "./shape.js";
export type SegmentAnalysis = SegmentShape<PairAnalysis, Rate>;
export type BreakdownAnalysis = BreakdownShape<PairAnalysis, Rate>;
