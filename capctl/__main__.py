from capctl.cli import main

main()
