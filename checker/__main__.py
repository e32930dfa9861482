from checker.cli import main

# Guarded: a spawned pool worker imports the main module again (as __mp_main__), and must
# not run the command a second time.
if __name__ == "__main__":
    main()
