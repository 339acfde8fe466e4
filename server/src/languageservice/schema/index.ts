/**
 * RelaxNG validation with libxml2's verdicts (what `xmllint --relaxng` and
 * libvirt accept), located problems, and completion queries.
 *
 *   const schema = loadRelaxNg('/usr/share/libvirt/schemas/domain.rng');
 *   const problems = validate(schema, parseXml(text));
 */
export { loadRelaxNg, RelaxNgSchema } from './loadRelaxNg';
export { validate } from './validator';
export { allowedAttributes, allowedChildElements, attributeValues, textValues } from './completion';
export { childNamesByParent } from './rngDefines';
