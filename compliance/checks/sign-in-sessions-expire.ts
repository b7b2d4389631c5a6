import { Check, observe, verdict } from '../lib/check';
import { resourcesOfType } from '../../product/cloudformation';

const MINUTES: Record<string, number> = { seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 };
/** The longest an access or ID token may stay valid, and the longest a session may be refreshed, in minutes. */
export const MAXIMUM_TOKEN_MINUTES = 60;
export const MAXIMUM_SESSION_MINUTES = 24 * 60;

/** Sessions end on their own: short-lived tokens, a bounded refresh period, and revocable refresh tokens. */
export const check: Check = {
  id: 'sign-in-sessions-expire',
  title: `Every user pool client issues tokens valid ${MAXIMUM_TOKEN_MINUTES} minutes at most, sessions of a day at most, and revocable refresh tokens`,
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::Cognito::UserPoolClient').flatMap(([id, client]) => {
      const properties = client.Properties ?? {};
      // Cognito's defaults when a validity is omitted: 60 minutes for access and ID tokens, 30 days for refresh tokens.
      const minutes = (token: string, fallback: number) => properties[`${token}Validity`] === undefined
        ? fallback : properties[`${token}Validity`] * (MINUTES[properties.TokenValidityUnits?.[token] ?? (token === 'RefreshToken' ? 'days' : 'hours')]);
      return [
        observe(id, 'AccessTokenValidity (minutes)', minutes('AccessToken', 60), minutes('AccessToken', 60) <= MAXIMUM_TOKEN_MINUTES),
        observe(id, 'IdTokenValidity (minutes)', minutes('IdToken', 60), minutes('IdToken', 60) <= MAXIMUM_TOKEN_MINUTES),
        observe(id, 'RefreshTokenValidity (minutes)', minutes('RefreshToken', 30 * 1440), minutes('RefreshToken', 30 * 1440) <= MAXIMUM_SESSION_MINUTES),
        observe(id, 'EnableTokenRevocation', properties.EnableTokenRevocation, properties.EnableTokenRevocation !== false),
      ];
    });
    return verdict(evidence, 'the template has no user pool client');
  },
};
