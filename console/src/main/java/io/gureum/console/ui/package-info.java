/** The shell: main layout with side navigation, login view and shared components. */
package io.gureum.console.ui;
