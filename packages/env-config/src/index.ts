export { ConfigError, envBoolean, envPort, loadConfigOrExit, parseEnv, parseEnvParts, presentEnv, settingIssuesLine } from './env-settings';
