// Writes types/api.d.ts from the JSON Schemas in docs/api: one type per document (its file's
// name in PascalCase: case-open-request.schema.json → CaseOpenRequest) and a namespace of the
// same name for its $defs (common.schema.json#/$defs/utc_time → Common.UtcTime).
//
//   node tools/schema-types.mjs ../../docs/api types/api.d.ts    (npm run types)
//   node tools/schema-types.mjs ../../docs/api                     (prints it)
//
// TypeScript cannot say everything a schema says: patterns, lengths, ranges, if/then/else and
// not are left to the library, which checks them anyway. oneOf/anyOf become unions, allOf an
// intersection, and a schema's own members beside a oneOf are intersected with each branch.
import fs from 'node:fs';
import path from 'node:path';

export function typeName(file) {
  return pascal(path.basename(file).replace(/\.schema\.json$/, ''));
}

function pascal(word) {
  return word.split(/[-_.]/).filter(Boolean).map((p) => p[0].toUpperCase() + p.slice(1)).join('');
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

class Writer {
  constructor(fileType) {
    this.fileType = fileType;
  }

  ref(ref) {
    const [file, pointer = ''] = ref.split('#');
    const owner = file ? typeName(file) : this.fileType;
    if (pointer === '' || pointer === '/') return owner;
    const def = /^\/\$defs\/([^/]+)$/.exec(pointer);
    if (def) return `${owner}.${pascal(def[1])}`;
    // A member of another document: its type, by indexed access.
    const members = /^(?:\/properties\/[^/]+)+$/.test(pointer) && pointer.split('/properties/').slice(1);
    if (!members) throw new Error(`${this.fileType}: unsupported $ref ${ref}`);
    return members.reduce((type, m) => `NonNullable<${type}[${JSON.stringify(m)}]>`, owner);
  }

  type(schema, indent) {
    if (schema === true || schema === undefined) return 'unknown';
    if (schema === false) return 'never';
    const parts = [];
    if (schema.$ref) parts.push(this.ref(schema.$ref));
    const own = this.own(schema, indent);
    if (own) parts.push(own);
    // A combination of constraints TypeScript cannot hold (patterns, if/then) says nothing:
    // a union with unknown in it is unknown, and unknown adds nothing to an intersection.
    for (const [key, join] of [['oneOf', ' | '], ['anyOf', ' | '], ['allOf', ' & ']]) {
      if (!schema[key]) continue;
      const members = schema[key].map((s) => this.type(s, indent));
      const known = members.filter((m) => m !== 'unknown');
      if (known.length === 0 || (join === ' | ' && known.length < members.length)) continue;
      parts.push(known.length === 1 ? known[0] : `(${known.join(join)})`);
    }
    if (parts.length === 0) return 'unknown';
    return parts.length === 1 ? parts[0] : parts.join(' & ');
  }

  // The schema's own shape (const, enum, type), without its references and combinations.
  own(schema, indent) {
    if ('const' in schema) return JSON.stringify(schema.const);
    if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
    let types = schema.type === undefined ? [] : [].concat(schema.type);
    if (types.length === 0 && (schema.properties || schema.patternProperties)) types = ['object'];
    if (types.length === 0 && (schema.items || schema.prefixItems)) types = ['array'];
    if (types.length === 0) return null;
    const each = types.map((t) => {
      switch (t) {
        case 'string': return 'string';
        case 'integer': case 'number': return 'number';
        case 'boolean': return 'boolean';
        case 'null': return 'null';
        case 'array': return this.array(schema, indent);
        case 'object': return this.object(schema, indent);
        default: throw new Error(`${this.fileType}: unknown type ${t}`);
      }
    });
    return each.length === 1 ? each[0] : `(${each.join(' | ')})`;
  }

  array(schema, indent) {
    if (schema.prefixItems) {
      const head = schema.prefixItems.map((s) => this.type(s, indent));
      if (schema.items !== false) head.push(`...${this.wrap(this.type(schema.items, indent))}[]`);
      return `[${head.join(', ')}]`;
    }
    return `${this.wrap(this.type(schema.items, indent))}[]`;
  }

  wrap(type) {
    return /^[\w.]+$/.test(type) ? type : `(${type})`;
  }

  object(schema, indent) {
    const inner = `${indent}  `;
    const required = new Set(schema.required || []);
    const lines = [];
    for (const [name, member] of Object.entries(schema.properties || {})) {
      const doc = member && typeof member === 'object' && member.description;
      if (doc) lines.push(`${inner}/** ${doc.replace(/\*\//g, '*\\/').replace(/\n/g, ' ')} */`);
      const key = IDENTIFIER.test(name) ? name : JSON.stringify(name);
      lines.push(`${inner}${key}${required.has(name) ? '' : '?'}: ${this.type(member, inner)};`);
    }
    const extra = [];
    for (const member of Object.values(schema.patternProperties || {})) {
      extra.push(this.type(member, inner));
    }
    const additional = schema.additionalProperties;
    if (additional && typeof additional === 'object') extra.push(this.type(additional, inner));
    const open = additional === undefined || additional === true;
    if (extra.length > 0 || (open && !schema.properties)) {
      // With named members beside it, an index signature must admit theirs too.
      const value = schema.properties || extra.length === 0 ? 'unknown' : extra.join(' | ');
      lines.push(`${inner}[key: string]: ${value};`);
    }
    if (lines.length === 0) return '{}';
    return `{\n${lines.join('\n')}\n${indent}}`;
  }
}

function comment(schema, indent) {
  const text = [schema.title, schema.description].filter(Boolean).join(': ');
  return text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\n/g, ' ')} */\n` : '';
}

export function generate(dir) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.schema.json')).sort();
  let out = '// Generated by tools/schema-types.mjs from docs/api/*.schema.json: do not edit.\n' +
            '// Run `npm run types` in sdk/node after changing a schema.\n\n';
  for (const file of files) {
    const schema = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const name = typeName(file);
    const writer = new Writer(name);
    const isDocument = schema.type || schema.properties || schema.oneOf || schema.anyOf ||
                       schema.allOf || schema.$ref;
    if (isDocument) {
      out += comment(schema, '') + `export type ${name} = ${writer.type(schema, '')};\n`;
    }
    const defs = Object.entries(schema.$defs || {});
    if (defs.length > 0) {
      out += `export namespace ${name} {\n`;
      for (const [defName, def] of defs) {
        out += comment(def, '  ') + `  export type ${pascal(defName)} = ${writer.type(def, '  ')};\n`;
      }
      out += '}\n';
    }
    out += '\n';
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, target] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node tools/schema-types.mjs DOCS_API_DIR [OUTPUT]');
    process.exit(2);
  }
  const text = generate(dir);
  if (target) fs.writeFileSync(target, text);
  else process.stdout.write(text);
}
