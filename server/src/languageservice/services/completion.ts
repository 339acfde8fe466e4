/**
 * Completion from libvirt's schema: child elements at the cursor, attributes
 * of the current element, values of the current attribute or element text,
 * and device snippets. Items the target profile (or the migration floor)
 * does not support are marked with the libvirt version that added them, or
 * left out when the user asks.
 */
import {
  CompletionItem,
  CompletionItemKind,
  CompletionItemTag,
  CompletionList,
  InsertTextFormat,
  TextEdit,
} from 'vscode-languageserver-types';
import { DomainDocument } from '../domainDocument';
import { DEVICE_SNIPPETS } from '../knowledge/deviceSnippets';
import { sinceOf, VersionFact } from '../knowledge/versionFacts';
import { compareVersions } from '../knowledge/versions';
import { elementAt, XmlElement } from '../parser/xmlNodes';
import { TargetProfile } from '../profiles/profile';
import { allowedAttributes, allowedChildElements, attributeValues, RelaxNgSchema, textValues } from '../schema';

export interface CompletionContext {
  profile: TargetProfile;
  floor?: { libvirt?: string };
  /** leave out what the target or the floor does not support (default: mark it) */
  hideUnsupported?: boolean;
}

function attrsOf(el: XmlElement): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const a of el.attributes) out['@' + a.name] = a.value ?? undefined;
  return out;
}

/** the version verdict of one fact for the target and floor */
function support(fact: VersionFact | undefined, ctx: CompletionContext): { ok: boolean; note?: string } {
  if (!fact) return { ok: true };
  if (compareVersions(fact.since, ctx.profile.libvirt) > 0)
    return { ok: false, note: `since libvirt ${fact.since}: not on the target (libvirt ${ctx.profile.libvirt})` };
  if (ctx.floor?.libvirt && compareVersions(fact.since, ctx.floor.libvirt) > 0)
    return { ok: false, note: `since libvirt ${fact.since}: newer than the migration floor ${ctx.floor.libvirt}` };
  return { ok: true, note: `since libvirt ${fact.since}` };
}

function item(
  label: string,
  kind: CompletionItemKind,
  range: TextEdit['range'],
  newText: string,
  verdict: { ok: boolean; note?: string },
  extra: Partial<CompletionItem> = {},
): CompletionItem {
  return {
    label,
    kind,
    textEdit: { range, newText },
    detail: verdict.note,
    sortText: `${verdict.ok ? '0' : '1'}${label}`,
    ...(verdict.ok ? {} : { tags: [CompletionItemTag.Deprecated] }),
    ...extra,
  };
}

function quoteOf(doc: DomainDocument): string {
  const t = doc.text;
  const single = (t.match(/='/g) ?? []).length;
  const double = (t.match(/="/g) ?? []).length;
  return double > single ? '"' : "'";
}

function keep(ctx: CompletionContext, items: CompletionItem[]): CompletionItem[] {
  return ctx.hideUnsupported ? items.filter((i) => !i.tags?.includes(CompletionItemTag.Deprecated)) : items;
}

export function doComplete(doc: DomainDocument, offset: number, schema: RelaxNgSchema, ctx: CompletionContext): CompletionList {
  const empty: CompletionList = { isIncomplete: false, items: [] };
  const el = elementAt(doc.xml, offset);
  const text = doc.text;
  const q = quoteOf(doc);

  // typing an element name: `<dis|`
  if (el && offset > el.start && offset <= el.nameEnd) {
    const parent = el.parent;
    if (!parent) return empty;
    const range = doc.range(el.nameStart, el.nameEnd);
    return { isIncomplete: false, items: keep(ctx, elementItems(doc, parent, parent.children.indexOf(el), schema, ctx, range, false)) };
  }
  // inside a start tag: attribute names, or the value under the cursor
  if (el && offset > el.nameEnd && (el.startTagEnd < 0 || offset < el.startTagEnd)) {
    const inValue = el.attributes.find((a) => a.valueStart >= 0 && offset >= a.valueStart && offset <= a.valueEnd);
    if (inValue) {
      const path = `${el.xpath}/@${inValue.name}`;
      const range = doc.range(inValue.valueStart, inValue.valueEnd);
      const values = attributeValues(schema, el, inValue.name).values;
      return {
        isIncomplete: false,
        items: keep(
          ctx,
          values.map((v) => item(v, CompletionItemKind.EnumMember, range, v, support(sinceOf(path, v, attrsOf(el)), ctx))),
        ),
      };
    }
    const onName = el.attributes.find((a) => offset >= a.nameStart && offset <= a.nameEnd);
    const start = onName ? onName.nameStart : offset;
    const end = onName ? (onName.valueEnd >= 0 ? onName.end : onName.nameEnd) : offset;
    const range = doc.range(start, end);
    return {
      isIncomplete: false,
      items: keep(
        ctx,
        allowedAttributes(schema, el, onName).map((a) =>
          item(a.name, CompletionItemKind.Property, range, `${a.name}=${q}$1${q}`, support(sinceOf(`${el.xpath}/@${a.name}`), ctx), {
            insertTextFormat: InsertTextFormat.Snippet,
            command: { title: 'values', command: 'editor.action.triggerSuggest' },
            ...(a.required ? { preselect: true } : {}),
          }),
        ),
      ),
    };
  }
  if (!el) return empty;
  // in content: after a lone `<`, child elements; else the element's text values
  if (text[offset - 1] === '<') {
    const before = el.children.filter((c) => c.start < offset - 1).length;
    const range = doc.range(offset, offset);
    return { isIncomplete: false, items: keep(ctx, elementItems(doc, el, before, schema, ctx, range, true)) };
  }
  if (!el.elements().length && el.startTagEnd >= 0 && offset >= el.startTagEnd) {
    const node = el.textNode();
    const range = node ? doc.range(node.start, node.end) : doc.range(offset, offset);
    const values = textValues(schema, el).values;
    return {
      isIncomplete: false,
      items: keep(
        ctx,
        values.map((v) => item(v, CompletionItemKind.EnumMember, range, v, support(sinceOf(el.xpath, v), ctx))),
      ),
    };
  }
  return empty;
}

function elementItems(
  doc: DomainDocument,
  parent: XmlElement,
  beforeChild: number,
  schema: RelaxNgSchema,
  ctx: CompletionContext,
  range: TextEdit['range'],
  afterLt: boolean,
): CompletionItem[] {
  const q = quoteOf(doc);
  const items = allowedChildElements(schema, parent, beforeChild)
    .filter((e) => e.name !== '*')
    .map((e) =>
      item(
        e.name,
        CompletionItemKind.Property,
        range,
        e.name,
        support(sinceOf(`${parent.xpath}/${e.name}`), ctx),
        e.required ? { preselect: true } : {},
      ),
    );
  if (parent.name === 'devices' && parent.parent?.name === 'domain') {
    for (const s of DEVICE_SNIPPETS) {
      let body = s.body.replace(/'/g, q);
      if (afterLt) body = body.slice(1); // the `<` is already typed
      items.push(
        item(
          s.label,
          CompletionItemKind.Snippet,
          range,
          body,
          { ok: true, note: s.description },
          { insertTextFormat: InsertTextFormat.Snippet, filterText: s.body.slice(1, s.body.search(/[\s>]/)) },
        ),
      );
    }
  }
  return items;
}
