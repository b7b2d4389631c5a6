import { Check, observe, verdict } from '../lib/check';
import { resourcesOfType } from '../../product/cloudformation';

/** The shortest password a user may choose. */
export const MINIMUM_PASSWORD_LENGTH = 14;
const CLASSES = ['RequireLowercase', 'RequireUppercase', 'RequireNumbers', 'RequireSymbols'];

/** Users are created by administrators only, with unique e-mail sign-in names and long, mixed passwords. */
export const check: Check = {
  id: 'sign-in-password-policy',
  title: `Every user pool admits only administrator-created users with unique e-mail names and passwords of ${MINIMUM_PASSWORD_LENGTH}+ mixed characters`,
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::Cognito::UserPool').flatMap(([id, pool]) => {
      const properties = pool.Properties ?? {};
      const password = properties.Policies?.PasswordPolicy;
      return [
        observe(id, 'Policies.PasswordPolicy', password, (password?.MinimumLength ?? 0) >= MINIMUM_PASSWORD_LENGTH && CLASSES.every((c) => password?.[c] === true)),
        observe(id, 'AdminCreateUserConfig.AllowAdminCreateUserOnly', properties.AdminCreateUserConfig?.AllowAdminCreateUserOnly, properties.AdminCreateUserConfig?.AllowAdminCreateUserOnly === true),
        observe(id, 'UsernameAttributes', properties.UsernameAttributes, JSON.stringify(properties.UsernameAttributes) === '["email"]'),
      ];
    });
    return verdict(evidence, 'the template has no user pool');
  },
};
