/** Identity: users, global roles, login, password policy and the first administrator. */
package io.gureum.console.identity;
