"""Lints IAM policy documents with parliament: reads [{"name": ..., "document": {...}}] on stdin and
writes [{"name", "issue", "severity", "title", "detail"}] for every finding on stdout."""
import json
import sys

from parliament import analyze_policy_string

findings = []
for policy in json.load(sys.stdin):
    analyzed = analyze_policy_string(json.dumps(policy["document"]), include_community_auditors=True)
    for finding in analyzed.findings:
        findings.append({
            "name": policy["name"],
            "issue": finding.issue,
            "severity": finding.severity,
            "title": finding.title,
            "detail": json.dumps(finding.detail, default=str),
        })
json.dump(findings, sys.stdout)
