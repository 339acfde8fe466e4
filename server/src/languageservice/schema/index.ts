/**
 * RelaxNG validation with libxml2's verdicts (what `xmllint --relaxng` and
 * libvirt accept), located problems, and completion queries.
 *
 *   const schema = loadRelaxNg('/usr/share/libvirt/schemas/domain.rng');
 *   const problems = validate(schema, parseXml(text));
 */
export { loadRelaxNg, RelaxNgSchema, SchemaLoadError } from './loadRelaxNg';
export { validate, validateDetailed, SchemaProblem, SchemaProblemCode, ValidationDetails } from './validator';
export {
  allowedAttributes,
  allowedChildElements,
  attributeValues,
  AttributeSuggestion,
  ElementSuggestion,
  isElementAllowed,
  textValues,
  ValueSuggestions,
} from './completion';
