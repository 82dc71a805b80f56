// Problems the normalizer finds that JSON Schema cannot express cleanly ("exactly one of these keys").
export interface ShapeIssue {
  rule: string;
  message: string;
  pointer: string;
  hint?: string;
}
