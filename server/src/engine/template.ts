// The skeleton of a new policy (the `Tenet: New Policy` command), with the id taken from the file name.

export function policyIdFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'new-policy';
}

export function policyTemplate(id: string, today: string): string {
  const title = id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
  return `---
policy: ${id}
title: ${title} Policy
owner: "@your-org/team"
approvers: ["@your-org/ciso"]
version: 1.0.0
effective: ${today}
review:
  every: annually
  last: ${today}
controls: [CC6.1]
requirements:
  example-requirement:
    says: Replace with the sentence this requirement stands for.
    expect: ">= 12"
    in:
      - file: path/to/config.json
        at: $.path.to.value
---

# ${title} Policy

## Purpose

## Scope

## Policy

## Roles and responsibilities

## Enforcement
`;
}
