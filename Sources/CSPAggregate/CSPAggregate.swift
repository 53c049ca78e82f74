import CSPCore
