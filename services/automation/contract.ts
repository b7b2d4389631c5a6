import { LEDGER_TABLE_ACTIONS } from '../metering/contract';

/**
 * What the workspace template and the automation steps agree on: the calls their role must allow on the
 * workspace table: AutomationStore's approvals and action tasks (put, get, query, update) and the
 * metering ledger's, where the AI-assisted steps record their usage (recordFunctionUsage).
 */
export const AUTOMATION_TABLE_ACTIONS = [...new Set(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query', ...LEDGER_TABLE_ACTIONS])];
